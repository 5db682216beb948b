# Empties the GUI tests' home folders (HOMES: paths separated by "|") and makes them again.
string(REPLACE "|" ";" homes "${HOMES}")
foreach(home IN LISTS homes)
  file(REMOVE_RECURSE "${home}")
  file(MAKE_DIRECTORY "${home}")
endforeach()
