namespace UCE.Subgraphs.Hosting.Demo;

/// <summary>Regulated utility service or a non-regulated advanced energy solution.</summary>
public enum AccountKind
{
    Regulated,
    NonRegulated,
}
