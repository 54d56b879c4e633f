# SPDX-License-Identifier: Apache-2.0
#
# Translations of the desktop app (Qt Linguist). English is the source language: the strings in
# the code are English and need no .ts file. Each language here has translations/patchboard_<lang>.ts.
#
# Usage, in app/desktop/CMakeLists.txt:
#     include(${PATCHBOARD_SOURCE_DIR}/translations/translations.cmake OPTIONAL)
#     patchboard_add_translations(patchboard)
#
# At build time lrelease compiles each .ts into patchboard_<lang>.qm and embeds it in the target
# as a resource under :/i18n (for example :/i18n/patchboard_de.qm). The target
# `update_translations` runs lupdate over the sources of views/, models/, services/ and
# app/desktop/ and rewrites the .ts files in this folder (see README.md, "Translations").

include_guard(GLOBAL)

function(patchboard_add_translations target)
    if(NOT TARGET ${target})
        message(FATAL_ERROR "patchboard_add_translations: '${target}' is not a target")
    endif()
    if(NOT COMMAND qt_add_translations)
        find_package(Qt6 REQUIRED COMPONENTS LinguistTools)
    endif()

    # This file lives in <root>/translations; paths are made absolute because the function is
    # called from another directory (app/desktop) and Qt resolves relative paths against that.
    set(ts_dir "${CMAKE_CURRENT_FUNCTION_LIST_DIR}")
    get_filename_component(root "${ts_dir}" DIRECTORY)

    # lupdate needs the list of files to scan. Globbing is acceptable here (it only feeds
    # lupdate); CONFIGURE_DEPENDS re-runs the glob when files are added or removed.
    set(scanned_dirs views models services app/desktop)
    set(patterns "")
    set(include_dirs "")
    foreach(dir IN LISTS scanned_dirs)
        list(APPEND patterns "${root}/${dir}/*.cpp" "${root}/${dir}/*.h")
        list(APPEND include_dirs "${root}/${dir}")
    endforeach()
    file(GLOB_RECURSE sources LIST_DIRECTORIES false CONFIGURE_DEPENDS ${patterns})
    list(SORT sources)

    qt_add_translations(${target}
        TS_FILES
            "${ts_dir}/patchboard_de.ts"
            "${ts_dir}/patchboard_ja.ts"
        SOURCES ${sources}
        INCLUDE_DIRECTORIES ${include_dirs}
        # Relative locations keep the .ts files free of absolute paths of one machine.
        LUPDATE_OPTIONS -locations relative
        # RESOURCE_PREFIX is left at the Qt 6.4 default: "/i18n".
    )
endfunction()
