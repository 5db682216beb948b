# One INTERFACE target that carries the project's strict compiler and Qt flags.
# Every target in the tree links it, so no target can quietly build with fewer checks.
add_library(vlab_flags INTERFACE)
add_library(vlab::flags ALIAS vlab_flags)

target_compile_definitions(vlab_flags INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CONTEXTLESS_CONNECT
  QT_NO_KEYWORDS
  QT_USE_QSTRINGBUILDER
  QT_NO_URL_CAST_FROM_STRING
  QT_DISABLE_DEPRECATED_UP_TO=0x060400
  OPENSSL_API_COMPAT=30000
  OPENSSL_NO_DEPRECATED)

if(MSVC)
  target_compile_options(vlab_flags INTERFACE /W4 /permissive- /utf-8)
  if(VLAB_WERROR)
    target_compile_options(vlab_flags INTERFACE /WX)
  endif()
else()
  target_compile_options(vlab_flags INTERFACE -Wall -Wextra -Wpedantic)
  if(VLAB_WERROR)
    target_compile_options(vlab_flags INTERFACE -Werror)
  endif()
endif()
