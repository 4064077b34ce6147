/**
 * The terminal a person watches, for every face that has one (the CLI, the shell): what the
 * launcher says about it ({@link dev.devskyy.terminal.TerminalSettings}) and the progress bar a
 * call's {@code CallObserver} draws on stderr. Imports the runtime and {@code io/}, no face and no
 * capability.
 */
package dev.devskyy.terminal;
