# macOS: "OpenCode Sandbox.app" and the .dmg (CPack DragNDrop). Included from
# packaging/CMakeLists.txt inside if(APPLE).
#
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
#         [-DOCS_MACOS_SIGN_IDENTITY="Developer ID Application: NAME (TEAMID)"] \
#         [-DOCS_MACOS_NOTARY_PROFILE=PROFILE]
#   cmake --build build && (cd build && cpack -G DragNDrop)
#
# The bundle holds: Contents/MacOS/opencode-sandbox (the tray), Contents/MacOS/ocs and the
# ocs-* command links, Contents/Resources/docker (the sandbox image sources; the core finds
# them at <app>/../Resources/docker), Contents/Frameworks + PlugIns from macdeployqt (Qt,
# QtKeychain, yaml-cpp, ...). `cmake --install` on macOS puts only the .app into the prefix.
#
# Signing: OCS_MACOS_SIGN_IDENTITY names a codesign identity; every binary is signed inside
# out with the hardened runtime and a secure timestamp, then the .dmg. Notarisation:
# OCS_MACOS_NOTARY_PROFILE names a notarytool keychain profile (made once with
# `xcrun notarytool store-credentials PROFILE --apple-id ... --team-id ...`); the .dmg is
# submitted, waited for, and the ticket stapled.

set(OCS_MACOS_SIGN_IDENTITY "" CACHE STRING
    "codesign identity for the app and the .dmg (empty: not signed; '-' : ad hoc)")
set(OCS_MACOS_NOTARY_PROFILE "" CACHE STRING
    "xcrun notarytool keychain profile to notarise the .dmg with (needs OCS_MACOS_SIGN_IDENTITY)")
if(OCS_MACOS_NOTARY_PROFILE AND NOT OCS_MACOS_SIGN_IDENTITY)
    message(FATAL_ERROR "OCS_MACOS_NOTARY_PROFILE needs OCS_MACOS_SIGN_IDENTITY: Apple notarises signed code only")
endif()

get_target_property(_qmake_location Qt6::qmake IMPORTED_LOCATION)
if(NOT _qmake_location)
    get_target_property(_qmake_location Qt6::qmake IMPORTED_LOCATION_RELEASE)
endif()
get_filename_component(_qt_bin_dir "${_qmake_location}" DIRECTORY)
find_program(OCS_MACDEPLOYQT macdeployqt HINTS "${_qt_bin_dir}" REQUIRED)

if(TARGET opencode-sandbox)
    # The tray target (src/tray) becomes the bundle; its Info.plist is ours.
    set_target_properties(opencode-sandbox PROPERTIES
        MACOSX_BUNDLE TRUE
        MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_BINARY_DIR}/macos/Info.plist)

    # The application icon: the SVG rendered into an .iconset, made an .icns by iconutil.
    find_program(OCS_ICONUTIL iconutil REQUIRED)
    set(_iconset ${CMAKE_CURRENT_BINARY_DIR}/macos/OpenCodeSandbox.iconset)
    set(_icns ${CMAKE_CURRENT_BINARY_DIR}/macos/${OCS_MACOS_ICON_FILE})
    set(_icon_commands "")
    foreach(pair "16;icon_16x16" "32;icon_16x16@2x" "32;icon_32x32" "64;icon_32x32@2x"
                 "128;icon_128x128" "256;icon_128x128@2x" "256;icon_256x256"
                 "512;icon_256x256@2x" "512;icon_512x512" "1024;icon_512x512@2x")
        list(GET pair 0 _size)
        list(GET pair 1 _name)
        list(APPEND _icon_commands COMMAND $<TARGET_FILE:ocs_svg2png> ${OCS_APP_SVG} ${_size} ${_iconset}/${_name}.png)
    endforeach()
    add_custom_command(OUTPUT ${_icns}
        COMMAND ${CMAKE_COMMAND} -E rm -rf ${_iconset}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${_iconset}
        ${_icon_commands}
        COMMAND ${OCS_ICONUTIL} -c icns ${_iconset} -o ${_icns}
        DEPENDS ocs_svg2png ${OCS_APP_SVG}
        COMMENT "Making ${OCS_MACOS_ICON_FILE}" VERBATIM)
    add_custom_target(ocs_macos_icns ALL DEPENDS ${_icns})

    # After the targets' own install rules (this folder is added last): lay out the bundle,
    # deploy Qt into it, sign it.
    set(OCS_MACOS_QTKEYCHAIN_FILE "$<TARGET_FILE:Qt6Keychain::Qt6Keychain>")
    set(OCS_MACOS_YAMLCPP_FILE "")
    foreach(_yaml yaml-cpp::yaml-cpp yaml-cpp)
        if(TARGET ${_yaml} AND NOT OCS_MACOS_YAMLCPP_FILE)
            get_target_property(_type ${_yaml} TYPE)
            if(_type STREQUAL "SHARED_LIBRARY" OR _type STREQUAL "UNKNOWN_LIBRARY")
                set(OCS_MACOS_YAMLCPP_FILE "$<TARGET_FILE:${_yaml}>")
            endif()
        endif()
    endforeach()
    configure_file(${CMAKE_CURRENT_SOURCE_DIR}/macos/deploy-bundle.cmake.in
        ${CMAKE_CURRENT_BINARY_DIR}/macos/deploy-bundle.cmake.gen @ONLY)
    file(GENERATE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/macos/deploy-bundle-$<CONFIG>.cmake
        INPUT ${CMAKE_CURRENT_BINARY_DIR}/macos/deploy-bundle.cmake.gen)
    install(SCRIPT ${CMAKE_CURRENT_BINARY_DIR}/macos/deploy-bundle-$<CONFIG>.cmake)
endif()

set(CPACK_GENERATOR DragNDrop)
set(CPACK_PACKAGE_FILE_NAME "OpenCode_Sandbox-${PROJECT_VERSION}-macOS-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_DMG_VOLUME_NAME "OpenCode Sandbox ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT UDZO)
# The .app is at the top of the install tree; the .dmg also gets the /Applications link.
set(CPACK_PACKAGING_INSTALL_PREFIX "/")
set(CPACK_OCS_SIGN_IDENTITY "${OCS_MACOS_SIGN_IDENTITY}")
set(CPACK_OCS_NOTARY_PROFILE "${OCS_MACOS_NOTARY_PROFILE}")
if(OCS_MACOS_SIGN_IDENTITY)
    set(CPACK_POST_BUILD_SCRIPTS ${CMAKE_CURRENT_SOURCE_DIR}/macos/sign-notarize-dmg.cmake)
endif()
