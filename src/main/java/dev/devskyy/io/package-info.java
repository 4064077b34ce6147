/**
 * Guarded file access, a base every layer may use: {@link dev.devskyy.io.OpenDirectory} reaches
 * entries relative to a directory held open and never through a link, {@link
 * dev.devskyy.io.TreeWalk} walks a tree so, {@link dev.devskyy.io.ReadableFile} reads within a bound
 * and {@link dev.devskyy.io.AtomicWrite} writes a file whole or not at all. What it refuses is a
 * {@link dev.devskyy.io.Refusal}, in words safe to show. Imports no other devskyy package.
 */
package dev.devskyy.io;
