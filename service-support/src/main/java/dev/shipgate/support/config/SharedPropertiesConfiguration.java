package dev.shipgate.support.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The properties every service reads alike, bound (and checked) once at start. */
@AutoConfiguration
@EnableConfigurationProperties({CacheSettings.class, SeedFileSettings.class})
public class SharedPropertiesConfiguration {
}
