package org.rpa.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON schemas read from record types by reflection, with the names Jackson writes: snake_case, or
 * the record's own {@code @JsonNaming} (such as camelCase), and a {@code @JsonProperty} name as
 * given; each record becomes a named component schema, referenced by {@code $ref}.
 */
final class Schemas {
  private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
      new PropertyNamingStrategies.SnakeCaseStrategy();
  private final Map<String, Schema> named = new LinkedHashMap<>();
  private final Map<String, Class<?>> owners = new LinkedHashMap<>();

  Map<String, Schema> named() {
    return named;
  }

  Schema<?> of(Type type) {
    if (type instanceof ParameterizedType parameterized) {
      Type raw = parameterized.getRawType();
      if (raw == List.class) {
        return OpenApiDocument.array(of(parameterized.getActualTypeArguments()[0]));
      }
      if (raw == Map.class) {
        return new MapSchema().additionalProperties(of(parameterized.getActualTypeArguments()[1]));
      }
      return OpenApiDocument.object();
    }
    Class<?> cls = (Class<?>) type;
    if (cls == String.class) {
      return new StringSchema();
    }
    if (cls == byte[].class) {
      return new StringSchema().format("binary");
    }
    if (cls.isArray()) {
      return OpenApiDocument.array(of(cls.getComponentType()));
    }
    if (cls == int.class || cls == Integer.class || cls == long.class || cls == Long.class) {
      return OpenApiDocument.integer();
    }
    if (cls == double.class || cls == Double.class) {
      return new NumberSchema();
    }
    if (cls == boolean.class || cls == Boolean.class) {
      return new BooleanSchema();
    }
    if (cls.isRecord()) {
      return reference(cls);
    }
    return OpenApiDocument.object();
  }

  /** The record's own {@code @JsonNaming}, as Jackson applies it, else snake_case. */
  private static PropertyNamingStrategies.NamingBase namingOf(Class<?> record) {
    JsonNaming naming = record.getAnnotation(JsonNaming.class);
    if (naming == null) {
      return SNAKE;
    }
    try {
      return (PropertyNamingStrategies.NamingBase)
          naming.value().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("Cannot name the properties of " + record.getName(), e);
    }
  }

  private Schema<?> reference(Class<?> record) {
    String name = record.getSimpleName();
    Class<?> owner = owners.putIfAbsent(name, record);
    if (owner != null && owner != record) {
      // Component schemas are named by simple name: a second record of that name would be
      // described as the first.
      throw new IllegalStateException(
          "Two records are named " + name + ": " + owner.getName() + " and " + record.getName());
    }
    if (!named.containsKey(name)) {
      ObjectSchema schema = new ObjectSchema();
      named.put(name, schema);
      PropertyNamingStrategies.NamingBase naming = namingOf(record);
      for (RecordComponent component : record.getRecordComponents()) {
        JsonProperty explicit = component.getAccessor().getAnnotation(JsonProperty.class);
        String property =
            explicit != null && !explicit.value().isEmpty()
                ? explicit.value()
                : naming.translate(component.getName());
        schema.addProperty(property, of(component.getGenericType()));
      }
    }
    return new Schema<>().$ref("#/components/schemas/" + name);
  }
}
