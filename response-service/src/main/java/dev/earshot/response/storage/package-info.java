/**
 * What every write to PostgreSQL passes through: {@link dev.earshot.response.storage.StoredText}, the
 * rule for stored text, registered here for every string Hibernate binds.
 */
@JavaTypeRegistration(javaType = String.class, descriptorClass = StoredTextJavaType.class)
package dev.earshot.response.storage;

import org.hibernate.annotations.JavaTypeRegistration;

