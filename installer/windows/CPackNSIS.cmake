# NSIS installer for Windows (included by installer/CMakeLists.txt when WIN32).
# UNTESTED: no Windows, Qt for Windows, OpenSSL or libssh build exists on the machines this
# project is built on. See BUILD-WINDOWS.md for the recipe this is written for.

# Qt's DLLs and plugins next to the programs, by windeployqt, at install time (so also into
# CPack's staging folder). Qt 6.4's qt_generate_deploy_app_script would do the same.
find_program(VLAB_WINDEPLOYQT windeployqt HINTS "${QT6_INSTALL_PREFIX}/bin" "${Qt6_DIR}/../../../bin")
if(NOT VLAB_WINDEPLOYQT)
  message(WARNING "windeployqt not found: the NSIS installer will lack Qt's DLLs.")
else()
  foreach(program vlab-wizard vlab)
    install(CODE "
      execute_process(
        COMMAND \"${VLAB_WINDEPLOYQT}\" --release --no-compiler-runtime --no-translations
                --no-system-d3d-compiler --no-opengl-sw
                \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/${program}.exe\"
        COMMAND_ERROR_IS_FATAL ANY)")
  endforeach()
endif()

# The DLLs of OpenSSL, libssh and QtKeychain the programs link (vcpkg or prebuilt), found
# from the imported targets (CMake 3.21 and later).
if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.21)
  install(FILES $<TARGET_RUNTIME_DLLS:vlab-wizard> $<TARGET_RUNTIME_DLLS:vlab>
          DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
# The MSVC runtime (vcruntime, msvcp) for machines without the redistributable.
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
include(InstallRequiredSystemLibraries)

# The program icon inside vlab-wizard.exe, from the rendered .ico.
configure_file(${CMAKE_CURRENT_LIST_DIR}/vlab-wizard.rc.in ${CMAKE_CURRENT_BINARY_DIR}/vlab-wizard.rc @ONLY)
target_sources(vlab-wizard PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/vlab-wizard.rc)
add_dependencies(vlab-wizard vlab_icons)

set(CPACK_NSIS_PACKAGE_NAME "vLab Wizard")
set(CPACK_NSIS_DISPLAY_NAME "vLab Wizard ${PROJECT_VERSION}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\vlab-wizard.exe")
set(CPACK_NSIS_MUI_ICON "${VLAB_ICON_ICO}")
set(CPACK_NSIS_MUI_UNIICON "${VLAB_ICON_ICO}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH ON) # offers to put bin\ (vlab.exe) on PATH
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
set(CPACK_NSIS_MUI_FINISHPAGE_RUN vlab-wizard.exe)
# The Start menu shortcut comes from CPACK_PACKAGE_EXECUTABLES (vlab-wizard, "vLab Wizard").
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "vLab Wizard")
