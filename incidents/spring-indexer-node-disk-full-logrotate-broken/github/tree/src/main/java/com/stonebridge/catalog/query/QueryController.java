package com.stonebridge.catalog.query;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class QueryController {

    private final QueryService queries;

    public QueryController(QueryService queries) {
        this.queries = queries;
    }

    @GetMapping("/query")
    public QueryResult query(@RequestParam String q, @RequestParam(defaultValue = "50") int size) {
        return queries.search(q, Math.min(Math.max(size, 1), 200));
    }
}
