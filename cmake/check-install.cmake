# SPDX-License-Identifier: Apache-2.0
#
# The test desktop_install (tests/app/CMakeLists.txt): `cmake --install` of the build tree into
# an empty folder gives the standard layout a distribution expects, and the desktop file, the
# icon and the AppStream metainfo in it pass the freedesktop validators as a software centre
# would see them (appstreamcli validate-tree also checks that the metainfo's launchable names the
# installed desktop file and that its icon is there).
#
#   cmake -DBUILD_DIR=<build tree> -DWORK_DIR=<scratch folder> -DDESKTOP_FILE_VALIDATE=<path>
#         -DAPPSTREAMCLI=<path> -P cmake/check-install.cmake

foreach(var BUILD_DIR WORK_DIR DESKTOP_FILE_VALIDATE APPSTREAMCLI)
    if(NOT ${var})
        message(FATAL_ERROR "check-install.cmake needs -D${var}=...")
    endif()
endforeach()

set(prefix "${WORK_DIR}/root/usr")
file(REMOVE_RECURSE "${WORK_DIR}/root")
execute_process(
    COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}")
endif()

set(missing "")
foreach(file
        bin/patchboard
        bin/patchboard-author
        share/applications/org.patchboard.Patchboard.desktop
        share/icons/hicolor/scalable/apps/org.patchboard.Patchboard.svg
        share/metainfo/org.patchboard.Patchboard.metainfo.xml
        share/man/man1/patchboard.1.gz)
    if(NOT EXISTS "${prefix}/${file}")
        string(APPEND missing "\n  ${file}")
    endif()
endforeach()
if(missing)
    message(FATAL_ERROR "cmake --install did not install, under ${prefix}:${missing}\nIt installed:\n${out}")
endif()
foreach(program bin/patchboard bin/patchboard-author)
    if(NOT IS_DIRECTORY "${prefix}/${program}")
        file(READ "${prefix}/${program}" magic LIMIT 4 HEX)
        if(NOT magic STREQUAL "7f454c46")
            message(FATAL_ERROR "${prefix}/${program} is not an executable (ELF)")
        endif()
    endif()
endforeach()

execute_process(
    COMMAND "${DESKTOP_FILE_VALIDATE}" "${prefix}/share/applications/org.patchboard.Patchboard.desktop"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
# desktop-file-validate exits 0 with hints and warnings; a warning is a defect here too.
if(NOT rc EQUAL 0 OR out MATCHES "(error|warning):")
    message(FATAL_ERROR "desktop-file-validate:\n${out}")
endif()

# Offline (--no-net: the screenshot URLs are not fetched); --strict: pedantic notes are allowed,
# warnings and errors are not.
execute_process(
    COMMAND "${APPSTREAMCLI}" validate-tree --strict --no-net --no-color "${WORK_DIR}/root"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "appstreamcli validate-tree (${rc}):\n${out}")
endif()
message(STATUS "Installed layout, desktop file and AppStream metainfo are valid:\n${out}")
