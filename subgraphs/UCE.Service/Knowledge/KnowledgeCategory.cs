namespace UCE.Service.Knowledge;

/// <summary>The subject area of a knowledge article; the help centre and the agent desktop browse by it.</summary>
public enum KnowledgeCategory
{
    /// <summary>Reading a bill, charges, rates, estimated reads, disputes.</summary>
    Billing,

    /// <summary>Ways to pay, autopay, payment arrangements, assistance, refunds.</summary>
    Payments,

    /// <summary>Reporting outages, restoration times, alerts, safety.</summary>
    Outages,

    /// <summary>The advanced energy solutions catalogue: EV charging, thermostats, solar, batteries, warranties.</summary>
    Products,

    /// <summary>Starting, stopping and moving service.</summary>
    Moving,

    /// <summary>Opening an account, contact details, authorized people, identity.</summary>
    Account,
}
