# `cpack -G DEB` in a build directory makes quotadesk_<version>_<arch>.deb from the install rules.
# .ci/package builds, installs, checks and removes it; docs/packaging.md explains the choices.
set(QUOTADESK_PACKAGE_MAINTAINER "QuotaDesk maintainers <maintainers@quotadesk.invalid>"
    CACHE STRING "Maintainer field of the Debian package: a name and an e-mail address")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME quotadesk)
set(CPACK_PACKAGE_VENDOR "QuotaDesk team")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Quota store and operator console for LLM serving")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

# quotadesk_0.1.0_amd64.deb: Debian's own file name scheme.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${QUOTADESK_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# dpkg-shlibdeps computes the library dependencies from the binaries. It cannot see what Qt loads at run
# time: the xcb/wayland platform plugins (qt6-qpa-plugins; offscreen ships with libqt6gui6) and, for Qt's
# own dialog texts in other languages, qt6-translations-l10n.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "redis-server, qt6-translations-l10n")
# CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY on the first line itself.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"QuotaDesk keeps per user, client, tier and group limits on requests, tokens,
GPU-seconds and concurrency in Redis. Gateways in any language check and
consume quota atomically through the documented Lua scripts, reserving first
and settling the real usage after, so concurrent requests never overshoot.
.
This package holds the Qt console (quotadesk), the command line tool
(quotactl), the traffic simulator (quotadesk-sim), the Lua scripts, a sample
policy and Redis ACL examples.")

include(CPack)
