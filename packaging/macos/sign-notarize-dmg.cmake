# CPack post-build script (macOS, CPACK_POST_BUILD_SCRIPTS): signs the .dmg made by
# DragNDrop and, when a notary profile is set, notarises it with `xcrun notarytool`
# (waiting for Apple's verdict) and staples the ticket. The app inside was signed at
# install time (deploy-bundle.cmake). Settings come from packaging/macos/macos.cmake:
#   CPACK_OCS_SIGN_IDENTITY   codesign identity ("Developer ID Application: ...")
#   CPACK_OCS_NOTARY_PROFILE  keychain profile of `xcrun notarytool store-credentials`

function(ocs_run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    message(STATUS "${_out}${_err}")
    if(NOT _rc EQUAL 0)
        string(REPLACE ";" " " _cmd "${ARGN}")
        message(FATAL_ERROR "sign-notarize-dmg: failed (${_rc}): ${_cmd}")
    endif()
    set(ocs_run_output "${_out}${_err}" PARENT_SCOPE)
endfunction()

if(NOT CPACK_OCS_SIGN_IDENTITY)
    return()
endif()
foreach(_dmg IN LISTS CPACK_PACKAGE_FILES)
    if(NOT _dmg MATCHES "\\.dmg$")
        continue()
    endif()
    if(NOT CPACK_OCS_SIGN_IDENTITY STREQUAL "-")
        ocs_run(codesign --force --timestamp --sign "${CPACK_OCS_SIGN_IDENTITY}" "${_dmg}")
        ocs_run(codesign --verify --verbose=2 "${_dmg}")
    endif()
    if(CPACK_OCS_NOTARY_PROFILE)
        message(STATUS "sign-notarize-dmg: notarising ${_dmg} (this waits for Apple)")
        ocs_run(xcrun notarytool submit "${_dmg}" --keychain-profile "${CPACK_OCS_NOTARY_PROFILE}" --wait)
        if(NOT ocs_run_output MATCHES "status: Accepted")
            message(FATAL_ERROR "sign-notarize-dmg: notarisation of ${_dmg} was not accepted; see `xcrun notarytool log <id> --keychain-profile ${CPACK_OCS_NOTARY_PROFILE}`")
        endif()
        ocs_run(xcrun stapler staple "${_dmg}")
        ocs_run(xcrun stapler validate "${_dmg}")
        ocs_run(spctl --assess --type open --context context:primary-signature --verbose=2 "${_dmg}")
    endif()
endforeach()
