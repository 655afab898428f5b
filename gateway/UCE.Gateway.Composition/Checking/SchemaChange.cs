namespace UCE.Gateway.Composition.Checking;

/// <summary>One difference between two API schemas; breaking changes can fail existing client operations.</summary>
public sealed record SchemaChange(bool IsBreaking, string Code, string Coordinate, string Description)
{
    public override string ToString() => $"{(IsBreaking ? "BREAKING" : "safe    ")} {Code} {Coordinate}: {Description}";
}
