using UCE.Service.DataLoaders;

namespace UCE.Service.Types;

/// <summary>The customers subgraph's <c>Account</c> entity, extended with the cases that concern it.</summary>
public sealed class AccountType() : EntityWithCasesType<AccountReference, CasesByAccountLoader>(
    "Account", "The cases that concern the account", CaseAccess.SignedIn, id => new AccountReference(id));
