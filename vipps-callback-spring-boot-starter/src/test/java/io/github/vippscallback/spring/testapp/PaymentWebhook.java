package io.github.vippscallback.spring.testapp;

import io.github.vippscallback.spring.VippsCallback;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An application's own annotation, meta-annotated with {@link VippsCallback}. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@VippsCallback
public @interface PaymentWebhook {}
