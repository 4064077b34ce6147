/**
 * The crypto capability: AES-256-GCM envelopes ({@link dev.devskyy.crypto.PlatformEnvelope}, field
 * encryption) and the streaming file format ({@link dev.devskyy.crypto.FileCipher}), key derivation
 * and rotation, keyed digests, data masking and random tokens; its {@code *Tools} classes declare
 * the tools. A capability: it imports {@code io} and {@link dev.devskyy.runtime.Json} anywhere, the
 * rest of the runtime only in its {@code *Tools} classes, and no face nor other capability.
 */
package dev.devskyy.crypto;
