# Finds V8 as shipped by Debian's libnode 18 (headers in include/node, library libnode.so).
# Looks in the project-local prefix .deps/libnode first (filled by scripts/setup.sh when the
# system nodejs blocks the Debian package), then in the system.
# Defines LibNode::LibNode and LibNode_LIBRARY_DIR.
set(_libnode_prefix "${CMAKE_SOURCE_DIR}/.deps/libnode/usr")
find_path(LibNode_INCLUDE_DIR NAMES v8.h
  HINTS "${_libnode_prefix}/include/node" PATHS /usr/include/node NO_CACHE)
find_library(LibNode_LIBRARY NAMES node libnode.so.108
  HINTS "${_libnode_prefix}/lib/${CMAKE_LIBRARY_ARCHITECTURE}" NO_CACHE)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibNode REQUIRED_VARS LibNode_LIBRARY LibNode_INCLUDE_DIR)
if(LibNode_FOUND AND NOT TARGET LibNode::LibNode)
  add_library(LibNode::LibNode SHARED IMPORTED)
  set_target_properties(LibNode::LibNode PROPERTIES
    IMPORTED_LOCATION "${LibNode_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LibNode_INCLUDE_DIR}"
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${LibNode_INCLUDE_DIR}")
  get_filename_component(LibNode_LIBRARY_DIR "${LibNode_LIBRARY}" DIRECTORY)
endif()
