# Per-generator CPack settings: the .deb installs under /usr; the .tar.gz is relocatable
# (bin/ and share/botwright/ at its top, found relative to the executables).
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
else()
  set(CPACK_PACKAGING_INSTALL_PREFIX "/")
endif()
