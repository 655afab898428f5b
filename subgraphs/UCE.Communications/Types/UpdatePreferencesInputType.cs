using GraphQL.Types;

namespace UCE.Communications.Types;

/// <summary>GraphQL input <c>UpdateCommunicationPreferencesInput</c>; read as a dictionary so an explicit null quietHours (clear) differs from an absent one (keep).</summary>
public sealed class UpdatePreferencesInputType : InputObjectGraphType
{
    public UpdatePreferencesInputType()
    {
        Name = "UpdateCommunicationPreferencesInput";
        Field<NonNullGraphType<IdGraphType>>("customerId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PreferenceChoiceInputType>>>>("preferences")
            .Description("The choices to change; channels and topics not listed keep their current choice.");
        Field<QuietHoursInputType>("quietHours")
            .Description("New quiet hours; null removes them; leave it out to keep the current ones.");
        Field<BooleanGraphType>("outageAlertsInQuietHours")
            .Description("Whether alerts about an outage affecting the customer now go out during quiet hours; leave it out to keep the current choice.");
    }
}
