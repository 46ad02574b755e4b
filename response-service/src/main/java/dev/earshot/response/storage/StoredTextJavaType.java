package dev.earshot.response.storage;

import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.StringJavaType;

/**
 * Hibernate's description of {@link String} with one change: a string is cleaned by {@link StoredText}
 * whenever Hibernate binds it as a statement parameter (entity attributes, the elements of string
 * arrays, query parameters). Registered for all of the persistence unit in this package's
 * {@code package-info.java}; reading is unchanged.
 */
public class StoredTextJavaType extends StringJavaType {

    @Override
    public <X> X unwrap(String value, Class<X> type, WrapperOptions options) {
        return super.unwrap(StoredText.clean(value), type, options);
    }
}
