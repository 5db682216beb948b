# VLAB_SANITIZE: AddressSanitizer + UndefinedBehaviorSanitizer for every target of the tree
# (gcc and clang). UBSan does not recover, so a finding ends the program with a non-zero status
# and the test that ran it fails. Set before the targets are defined: every object file and
# every link gets the same flags, so the engine and its callers agree on the instrumentation.
#
# VLAB_FUZZ: the libFuzzer targets under tests/fuzz (clang only). The engine's own sources are
# compiled with coverage instrumentation (-fsanitize=fuzzer-no-link) so the fuzzer sees which
# branches of the real parsers an input reaches; programs that link the engine get the small
# runtime those hooks need. Use it with VLAB_SANITIZE so a finding is a crash, not a silent bug.
if(VLAB_SANITIZE)
  if(MSVC)
    message(FATAL_ERROR "VLAB_SANITIZE needs gcc or clang.")
  endif()
  # Without nonnull-attribute: Qt 6.4's own inline QList::operator== (qarraydataops.h) calls
  # memcmp with null pointers when both lists are empty, so every comparison of two empty lists
  # in our code would be reported. The other UBSan checks stay.
  set(vlab_sanitize_flags -fsanitize=address,undefined -fno-sanitize=nonnull-attribute
                          -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_compile_options(${vlab_sanitize_flags})
  add_link_options(${vlab_sanitize_flags})
  message(STATUS "vLab: ASan and UBSan in every target (${CMAKE_CXX_COMPILER_ID})")
endif()

if(VLAB_FUZZ AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(WARNING "VLAB_FUZZ needs clang (libFuzzer); the fuzz targets are not built with "
                  "${CMAKE_CXX_COMPILER_ID}. Configure with -DCMAKE_CXX_COMPILER=clang++.")
  set(VLAB_FUZZ OFF CACHE BOOL "Build the libFuzzer targets (clang only)" FORCE)
endif()
