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
