/**
 * {@code devskyy shell}: the CLI's commands typed at a prompt. The only package that uses JLine,
 * reached only when the shell starts, so no other command's start-up pays for it.
 */
package dev.devskyy.cli.shell;
