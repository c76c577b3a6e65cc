package com.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@SpringBootApplication
public class Application {
    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }

    /** Reads the schema while the context starts: JdbcTemplate (like JPA) is created after Strata's upgrade. */
    @Component
    public static class Greetings {
        public final String first;

        public Greetings(JdbcTemplate jdbc) {
            this.first = jdbc.queryForObject("SELECT text || ' (' || language || ')' FROM greeting WHERE id = 1",
                    String.class);
        }
    }
}
