/**
 * Settings written as text, read the same way by every integration: the servlet filters' init-parameters,
 * the Spring Boot starter's properties and the firewall tool's flags all turn text into values through
 * {@link io.github.vippscallback.settings.SettingText}, so a duration, a size or a list is accepted, refused
 * and explained alike wherever it is written. What a valid value of each kind looks like is written once,
 * next to the type that reads it ({@link io.github.vippscallback.address.IpRange#FORMAT}, {@link
 * io.github.vippscallback.allowlist.VippsAllowlist#DNS_SERVER_FORMAT}, {@link SettingText#DURATION}).
 */
@NullMarked
package io.github.vippscallback.settings;

import org.jspecify.annotations.NullMarked;
