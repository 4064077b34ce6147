/**
 * The crypto capability: the platform's envelopes and field encryption, the devskyy file format,
 * hashing, random secrets and masking for logs.
 *
 * <p>Its tools come in families, one {@code *Tools} class each, gathered by {@link
 * dev.devskyy.crypto.CryptoTools#all}: {@link dev.devskyy.crypto.EnvelopeTools envelopes}, {@link
 * dev.devskyy.crypto.FieldTools fields}, {@link dev.devskyy.crypto.FileTools files}, {@link
 * dev.devskyy.crypto.HashTools hashes}, {@link dev.devskyy.crypto.RandomSecretTools random secrets}
 * and {@link dev.devskyy.crypto.MaskTools masking}. Only those classes know the runtime; the rest is
 * plain library code.
 *
 * <p>Keys and passwords come from {@link dev.devskyy.crypto.KeySource}: settings the CLI passes as
 * call metadata, else the server's environment, else the person at the CLI's terminal, which the
 * CLI hands to the call and the MCP server never does. A tool argument never names a key.
 *
 * <p>A capability: it imports {@code io} and {@link dev.devskyy.runtime.Json} anywhere, the rest of
 * the runtime only in its {@code *Tools} classes, and no face nor other capability. The masker hides whole every secret the scanner's
 * rules know, but it is handed them as a {@link dev.devskyy.crypto.DataMasker.SecretFinder} by the
 * tool catalogue rather than importing the scanner: the masking tool stays here, beside the
 * platform's list of sensitive fields it shares with field encryption, and the scanner stays the
 * one owner of its rules.
 */
package dev.devskyy.crypto;
