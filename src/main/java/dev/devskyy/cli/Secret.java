package dev.devskyy.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an option or parameter whose value may be secret: key material, a password, plaintext, or
 * where they are. A usage error never quotes such a value (see {@link SecretArguments}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Secret {}
