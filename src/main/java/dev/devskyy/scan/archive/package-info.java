/**
 * Readers of the archive formats the scan looks inside: {@link dev.devskyy.scan.archive.ZipArchive}
 * (zip, jar, war, apk… by their central directory), {@link dev.devskyy.scan.archive.TarReader}
 * (ustar, GNU and pax, streamed) and {@link dev.devskyy.scan.archive.Decompression} (gzip and raw
 * deflate, bounded in ratio). They read bytes already in memory or streams of them and never touch
 * the file system; every size, count and offset is checked before it is used, and every refusal is
 * an {@link dev.devskyy.scan.archive.ArchiveException} naming its kind of problem. Imports nothing of
 * devskyy: the scan decides what a refusal costs.
 */
package dev.devskyy.scan.archive;
