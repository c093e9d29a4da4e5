/**
 * Settings written as text, defined once and read the same way by every integration. {@link
 * io.github.vippscallback.settings.Setting} is the table: each setting's Spring Boot property, servlet
 * init-parameter and firewall-tool flag, its default, valid values and one line of documentation. {@link
 * io.github.vippscallback.settings.SettingReader} applies a front end's raw texts to the core's builders and
 * refuses a bad one with a {@link io.github.vippscallback.settings.SettingException} of one form (the name as
 * written, the value, the reason, the table's valid values). {@link
 * io.github.vippscallback.settings.SettingText} parses durations, sizes and lists, so a value is accepted,
 * refused and explained alike wherever it is written.
 */
@NullMarked
package io.github.vippscallback.settings;

import org.jspecify.annotations.NullMarked;
