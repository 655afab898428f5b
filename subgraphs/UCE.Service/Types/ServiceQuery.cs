using GraphQL;
using GraphQL.Types;
using UCE.Service.DataLoaders;
using UCE.Subgraphs.Hosting;
using UCE.Subgraphs.Hosting.Authorization;
using UCE.Subgraphs.Hosting.DataLoading;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Service.Types;

/// <summary>The service subgraph's root query fields.</summary>
public sealed class ServiceQuery : ObjectGraphType
{
    public ServiceQuery()
    {
        Name = "Query";

        Field<CaseType>("case")
            .Description("One case by id; an unknown id is an error with code CASE_NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Authorize(Access.CustomersAndStaff)
            .Resolve(context =>
            {
                var id = context.GetArgument<string>("id");
                return context.Service<CaseByIdLoader>().LoadAsync(id).Then(found =>
                    found ?? throw new DomainError(ServiceErrorCodes.CaseNotFound, $"No case has id '{id}'."));
            });

        KnowledgeQueryFields.AddTo(this);
    }
}
