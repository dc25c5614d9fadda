# Mirrors the run-time resources into build/share/botwright (the same layout as an installed
# tree) and installs them. Sources: resources/ and the pinned TypeScript compiler from npm.
set(BOTWRIGHT_TYPESCRIPT_DIR "${CMAKE_SOURCE_DIR}/node_modules/typescript")
if(NOT EXISTS "${BOTWRIGHT_TYPESCRIPT_DIR}/lib/typescript.js")
  message(FATAL_ERROR "node_modules/typescript is missing: run scripts/setup.sh (or make test)")
endif()

file(GLOB_RECURSE _bw_resource_files CONFIGURE_DEPENDS
  RELATIVE "${CMAKE_SOURCE_DIR}/resources" "${CMAKE_SOURCE_DIR}/resources/*")
set(_bw_resource_outputs)
foreach(_rel IN LISTS _bw_resource_files)
  if(_rel MATCHES "^themes/")  # compiled into the binaries through Qt resources
    continue()
  endif()
  set(_out "${BOTWRIGHT_SHARE_DIR}/${_rel}")
  add_custom_command(OUTPUT "${_out}"
    COMMAND ${CMAKE_COMMAND} -E copy_if_different "${CMAKE_SOURCE_DIR}/resources/${_rel}" "${_out}"
    DEPENDS "${CMAKE_SOURCE_DIR}/resources/${_rel}" VERBATIM)
  list(APPEND _bw_resource_outputs "${_out}")
endforeach()

foreach(_ts IN ITEMS lib/typescript.js LICENSE.txt ThirdPartyNoticeText.txt)
  get_filename_component(_name "${_ts}" NAME)
  set(_out "${BOTWRIGHT_SHARE_DIR}/typescript/${_name}")
  add_custom_command(OUTPUT "${_out}"
    COMMAND ${CMAKE_COMMAND} -E copy_if_different "${BOTWRIGHT_TYPESCRIPT_DIR}/${_ts}" "${_out}"
    DEPENDS "${BOTWRIGHT_TYPESCRIPT_DIR}/${_ts}" VERBATIM)
  list(APPEND _bw_resource_outputs "${_out}")
endforeach()

# TypeScript's lib declaration files for the language service: lib.esnext.d.ts and everything it
# references (no DOM: Botloader scripts run without one).
file(GLOB _bw_ts_libs RELATIVE "${BOTWRIGHT_TYPESCRIPT_DIR}/lib" CONFIGURE_DEPENDS
  "${BOTWRIGHT_TYPESCRIPT_DIR}/lib/lib.es*.d.ts" "${BOTWRIGHT_TYPESCRIPT_DIR}/lib/lib.decorators*.d.ts")
list(FILTER _bw_ts_libs EXCLUDE REGEX "\\.full\\.d\\.ts$")
set(_bw_ts_lib_paths)
foreach(_name IN LISTS _bw_ts_libs)
  set(_out "${BOTWRIGHT_SHARE_DIR}/typescript/lib/${_name}")
  add_custom_command(OUTPUT "${_out}"
    COMMAND ${CMAKE_COMMAND} -E copy_if_different "${BOTWRIGHT_TYPESCRIPT_DIR}/lib/${_name}" "${_out}"
    DEPENDS "${BOTWRIGHT_TYPESCRIPT_DIR}/lib/${_name}" VERBATIM)
  list(APPEND _bw_resource_outputs "${_out}")
  list(APPEND _bw_ts_lib_paths "${BOTWRIGHT_TYPESCRIPT_DIR}/lib/${_name}")
endforeach()

add_custom_target(botwright_resources ALL DEPENDS ${_bw_resource_outputs})

install(DIRECTORY "${CMAKE_SOURCE_DIR}/resources/" DESTINATION "${CMAKE_INSTALL_DATADIR}/botwright"
  PATTERN "themes" EXCLUDE)
install(FILES "${BOTWRIGHT_TYPESCRIPT_DIR}/lib/typescript.js" "${BOTWRIGHT_TYPESCRIPT_DIR}/LICENSE.txt"
              "${BOTWRIGHT_TYPESCRIPT_DIR}/ThirdPartyNoticeText.txt"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/botwright/typescript")
install(FILES ${_bw_ts_lib_paths} DESTINATION "${CMAKE_INSTALL_DATADIR}/botwright/typescript/lib")
