# SPDX-License-Identifier: Apache-2.0
#
# The Debian package, built with CPack from what `cmake --install` installs (bin/patchboard,
# bin/patchboard-author, the desktop file, the icon, the AppStream metainfo, the manual page).
# Included from the top-level CMakeLists.txt. Any build tree makes it (CPack's DEB generator
# installs under /usr whatever CMAKE_INSTALL_PREFIX is, and tests and benchmarks install nothing):
#
#     cmake --build build && (cd build && cpack)     # -> build/packages/patchboard_0.1.0_amd64.deb
#
# scripts/check-deb.sh builds it, installs it in a clean Debian 12 root and starts the app there
# (README.md, "Packaging").

include_guard(GLOBAL)

set(PATCHBOARD_PACKAGE_MAINTAINER "The Patchboard developers <maintainers@patchboard.org>"
    CACHE STRING "Maintainer field of the Debian package: name <e-mail>")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME patchboard)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "The Patchboard developers")
set(CPACK_PACKAGE_CONTACT "${PATCHBOARD_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# The extended description (Debian wraps and indents it).
set(CPACK_PACKAGE_DESCRIPTION
    "Patchboard is a desktop console for the people who keep a fleet of cellular and IoT devices \
patched: test engineers who verify and approve security-only firmware releases (signed SUIT \
manifests), support staff who look up a device's patch level and its model's end of support, \
and rollout managers who run staged rollouts in waves with error thresholds. It shows telemetry \
of update outcomes and keeps a hash-chained audit log of every decision. Out of the box it runs \
on an embedded demo fleet in a local SQLite database. The package also holds patchboard-author, \
the tool that signs and verifies release bundles.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://patchboard.org/")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DIRECTORY "${CMAKE_BINARY_DIR}/packages")
# Release binaries without their debug sections (RelWithDebInfo would triple the size).
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PATCHBOARD_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# patchboard_0.1.0_amd64.deb: Debian's own naming, architecture from dpkg.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE "")
# The shared libraries the binaries link (Qt 6, OpenSSL 3, ...) with their versions, as
# dpkg-shlibdeps (package dpkg-dev) finds them. They are added to the Depends below.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What dpkg-shlibdeps cannot see because Qt loads it as a plugin at run time:
#  - libqt6sql6-sqlite: the QSQLITE driver of every database the app opens.
# And what comes without naming it (scripts/check-deb.sh checks these plugins are there):
#  - the SVG icon engine that draws the application icon is in libqt6svg6, which dpkg-shlibdeps
#    finds because patchboard_views links Qt6::Svg;
#  - the xcb platform plugin is part of libqt6gui6 in Debian 12 (qt6-qpa-plugins only adds VNC
#    and touch input, so it is not needed), and libqt6gui6 brings fontconfig, whose
#    fontconfig-config depends on a font (fonts-dejavu-core or another).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
# Qt's own strings (dialog buttons) in German and Japanese, a font with Japanese glyphs, and
# Wayland without XWayland.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "qt6-translations-l10n, fonts-noto-cjk | fonts-ipafont-gothic | fonts-vlgothic, qt6-wayland")

include(CPack)
