package dev.shipgate.support.messaging;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

import java.time.Duration;
import java.util.List;

/** Durations stored as ISO-8601 text ("PT24H"), readable in the database. */
@AutoConfiguration(beforeName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
public class MongoConversionsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public MongoCustomConversions mongoCustomConversions() {
        return new MongoCustomConversions(List.of(new DurationToString(), new StringToDuration()));
    }

    @WritingConverter
    static class DurationToString implements Converter<Duration, String> {
        @Override
        public String convert(Duration source) {
            return source.toString();
        }
    }

    @ReadingConverter
    static class StringToDuration implements Converter<String, Duration> {
        @Override
        public Duration convert(String source) {
            return Duration.parse(source);
        }
    }
}
