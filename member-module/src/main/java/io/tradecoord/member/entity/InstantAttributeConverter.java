package io.tradecoord.member.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Instants in {@code TIMESTAMP} columns. JPA 3.1 (Jakarta EE 10) does not require providers to map {@link Instant};
 * Hibernate 6 does, EclipseLink 4 may not: this keeps the mapping the same on both.
 */
@Converter
public class InstantAttributeConverter implements AttributeConverter<Instant, Timestamp> {

    @Override
    public Timestamp convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    @Override
    public Instant convertToEntityAttribute(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
