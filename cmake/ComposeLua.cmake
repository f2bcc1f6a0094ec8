# cmake -DSOURCE=<script.lua> -DINCLUDE_DIR=<dir> -DOUTPUT=<out.lua> -P ComposeLua.cmake
#
# Redis runs each script as one text and a script cannot call another, so code two scripts share lives once in
# resources/lua/include/ and is pasted in at build time: a line `-- @include <name>.lua` becomes that file.
# The composed scripts are what the tools embed and what the package installs for gateways in other languages.
# Fragments do not include others. The output is rewritten only when it changes, so rcc does not rerun.
file(READ "${SOURCE}" text)
string(REGEX MATCHALL "-- @include [^\n]*" directives "${text}")
foreach(directive IN LISTS directives)
    string(REGEX REPLACE "^-- @include " "" name "${directive}")
    if(NOT name MATCHES "^[A-Za-z0-9_]+\\.lua$")
        message(FATAL_ERROR "${SOURCE}: `${directive}` does not name a file like name.lua")
    endif()
    if(NOT EXISTS "${INCLUDE_DIR}/${name}")
        message(FATAL_ERROR "${SOURCE}: `${directive}`: there is no ${INCLUDE_DIR}/${name}")
    endif()
    file(READ "${INCLUDE_DIR}/${name}" fragment)
    if(fragment MATCHES "-- @include ")
        message(FATAL_ERROR "${INCLUDE_DIR}/${name}: a fragment may not include another")
    endif()
    string(REGEX REPLACE "\n$" "" fragment "${fragment}")
    string(REPLACE "${directive}" "${fragment}" text "${text}")
endforeach()
if(EXISTS "${OUTPUT}")
    file(READ "${OUTPUT}" previous)
    if(previous STREQUAL text)
        return()
    endif()
endif()
file(WRITE "${OUTPUT}" "${text}")
