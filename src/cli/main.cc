// renumber: a thin main; everything is in the libraries.
#include "src/cli/app.h"

int main(int argc, char** argv) { return renumber::RunCli(argc, argv); }
