package dev.ledger.web.apidoc;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;

import java.util.List;

/** An operation of the API description with its path and method, as {@link ProblemRule}s see it. */
public record ApiOperation(String path, PathItem.HttpMethod method, Operation operation) {

    public boolean hasBody() {
        return operation.getRequestBody() != null;
    }

    public boolean hasParameter(String name) {
        return parameters().stream().anyMatch(parameter -> parameter.getName().equals(name));
    }

    public List<Parameter> parameters() {
        return operation.getParameters() == null ? List.of() : operation.getParameters();
    }
}
