package dev.strata.postgres.inspect;

import dev.strata.model.CompositeType;
import dev.strata.model.Domain;
import dev.strata.model.DomainCheck;
import dev.strata.model.EnumType;
import dev.strata.model.ObjectName;
import dev.strata.model.TypeAttribute;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads enum types, composite types and domains: one query each. */
final class TypeReader {
    private TypeReader() {
    }

    static List<EnumType> enums(Catalog catalog) {
        return catalog.filtered("enums.sql", rs -> new EnumType(name(rs), Catalog.strings(rs, "labels"),
                catalog.comment("type", rs.getLong("oid"))));
    }

    static List<CompositeType> composites(Catalog catalog) {
        return catalog.filtered("composites.sql", rs -> {
            List<String> names = Catalog.strings(rs, "attribute_names");
            List<String> types = Catalog.strings(rs, "attribute_types");
            List<String> collations = Catalog.strings(rs, "attribute_collations");
            List<TypeAttribute> attributes = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                attributes.add(new TypeAttribute(names.get(i), types.get(i), collations.get(i)));
            }
            return new CompositeType(name(rs), attributes, catalog.comment("type", rs.getLong("oid")));
        });
    }

    static List<Domain> domains(Catalog catalog) {
        return catalog.filtered("domains.sql", rs -> {
            List<String> names = Catalog.strings(rs, "check_names");
            List<String> definitions = Catalog.strings(rs, "check_definitions");
            List<Boolean> validated = Catalog.booleans(rs, "check_validated");
            List<DomainCheck> checks = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                checks.add(new DomainCheck(names.get(i), definitions.get(i), validated.get(i)));
            }
            return new Domain(name(rs), rs.getString("base_type"), rs.getBoolean("not_null"),
                    rs.getString("default_sql"), rs.getString("collation"), checks,
                    catalog.comment("type", rs.getLong("oid")));
        });
    }

    static ObjectName name(ResultSet rs) throws SQLException {
        return new ObjectName(rs.getString("schema"), rs.getString("name"));
    }
}
