# The engine library must stay free of Qt Widgets, so the GUI and the CLI remain two thin
# front ends over it. Checked when the build system is generated: a Widgets dependency added
# to vlabcore stops the configure step (tests/unit/architecture checks it again in ctest).
function(vlab_assert_no_widgets target)
  get_target_property(libs ${target} LINK_LIBRARIES)
  get_target_property(ilibs ${target} INTERFACE_LINK_LIBRARIES)
  foreach(lib IN LISTS libs ilibs)
    if(lib MATCHES "Widgets")
      message(FATAL_ERROR "${target} links ${lib}: the engine library must not use Qt Widgets.")
    endif()
  endforeach()
endfunction()

# The engine's folders form layers. Each entry names a folder of lib/ and the folders its
# sources may include ("#include "folder/file.h""); a folder always may include itself. The
# table is the design (DESIGN.md, "Layout"): lower folders never include higher ones, so the
# include graph has no cycles. A folder of lib/ missing from the table is an error too.
set(VLAB_ENGINE_LAYERS
  "core:"
  "i18n:core"
  "plan:core"
  "net:core"
  "jobs:core"
  "secrets:core"
  "validate:core,plan,net"
  "certs:core,plan,jobs,net"
  "precheck:core,plan,jobs,net"
  "netscaler:core,plan,jobs,net"
  "vsphere:core,plan,validate,jobs,net"
  "remote:core,plan,jobs,net,certs"
  "diag:core,plan,jobs,net,remote"
  "audit:core,plan,jobs,net,secrets,validate,certs,precheck,netscaler,vsphere,remote,diag"
  "runbook:core,plan,validate,jobs,net,certs,precheck,netscaler,vsphere,remote,diag,audit"
  "project:core,i18n,plan,net,jobs,secrets,validate,certs,precheck,netscaler,vsphere,remote,diag,audit,runbook"
  CACHE INTERNAL "lib/ folders and the folders each may include")

set(VLAB_ENGINE_LAYER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/check_engine_layers.cmake)

# Runs the layer check before every build of `target` (the engine) whose sources changed: a
# forbidden include stops the build with the file, the line and the rule it breaks.
function(vlab_check_engine_layers target lib_dir)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${lib_dir}/*.h" "${lib_dir}/*.cpp")
  string(REPLACE ";" "|" layers "${VLAB_ENGINE_LAYERS}")
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/engine_layers.stamp)
  add_custom_command(OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} "-DLIB_DIR=${lib_dir}" "-DLAYERS=${layers}"
            -P ${VLAB_ENGINE_LAYER_SCRIPT}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${sources} ${VLAB_ENGINE_LAYER_SCRIPT}
    COMMENT "Checking the engine's layers (no include cycles)"
    VERBATIM)
  add_custom_target(${target}_layers DEPENDS ${stamp})
  add_dependencies(${target} ${target}_layers)
endfunction()
