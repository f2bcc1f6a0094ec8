# Every dependency is a Debian 12 package; a missing one fails with the package to install.
function(quotadesk_require found_var what debian_package)
    if(NOT ${found_var})
        message(FATAL_ERROR "${what} not found. Install it with: apt-get install ${debian_package}")
    endif()
endfunction()

find_package(Qt6 6.4 QUIET COMPONENTS Core Network Widgets Charts Test LinguistTools)
quotadesk_require(Qt6_FOUND "Qt 6 (Core, Network, Widgets, Charts, Test, LinguistTools)"
    "qt6-base-dev qt6-charts-dev qt6-tools-dev qt6-l10n-tools")

find_package(PkgConfig QUIET)
quotadesk_require(PKG_CONFIG_FOUND "pkg-config" "pkg-config")
pkg_check_modules(HIREDIS QUIET IMPORTED_TARGET hiredis>=0.14)
quotadesk_require(HIREDIS_FOUND "hiredis >= 0.14" "libhiredis-dev")

find_package(nlohmann_json 3.10 QUIET)
quotadesk_require(nlohmann_json_FOUND "nlohmann/json" "nlohmann-json3-dev")
