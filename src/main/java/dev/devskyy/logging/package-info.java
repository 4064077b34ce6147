/**
 * Logback configured in code ({@link dev.devskyy.logging.StderrLogging}, registered as a service):
 * stderr only, since stdout belongs to the protocol or to the output a command was asked for; text
 * or JSON lines. Imports no other devskyy package; the CLI sets its level.
 */
package dev.devskyy.logging;
