namespace UCE.Service.Knowledge.Seed;

internal static partial class KnowledgeSeed
{
    private static IEnumerable<SeedArticle> Products() =>
    [
        new("kb-0030", KnowledgeCategory.Products, KnowledgeAudience.Public, "Level 2 home EV charger: from order to first charge", """
            The Level 2 Home EV Charger is a wall-mounted 240 V charger that adds about 30 miles of range per hour.

            1. **Site survey**: after you enroll, our installer calls within five business days to check your panel capacity
               and the route from the panel to the parking spot.
            2. **Permit**: we file the electrical permit; this takes one to three weeks depending on your town.
            3. **Installation**: standard installation covers up to 25 ft of wiring from the main panel. A panel upgrade or a
               longer run is quoted separately before any work starts.
            4. **Inspection and activation**: the town's inspector signs off, and the installer pairs the charger with the app.

            The charger has a **3-year hardware warranty**. Pair it with the Smart EV Charging Plan to charge off-peak
            automatically.
            """),
        new("kb-0031", KnowledgeCategory.Products, KnowledgeAudience.Public, "Smart EV Charging Plan: how scheduled charging works", """
            The Smart EV Charging Plan schedules your electric vehicle's charging into **off-peak hours** so it costs less.

            - Tell the app when you need the car and how much range you want by then.
            - The plan starts charging at the cheapest time that still meets your target, usually after midnight.
            - **Boost** charges immediately when you need range now; boosted sessions are billed at the current rate.

            The plan works with our Level 2 charger and with most networked chargers and vehicles. It costs a monthly fee on
            your utility bill and can be cancelled at any time. If a charging session does not start, check that the charger
            is online in the app and that the car is set to accept scheduled charging.
            """),
        new("kb-0032", KnowledgeCategory.Products, KnowledgeAudience.Public, "Smart thermostat: installing and pairing", """
            The Smart Thermostat is shipped for **self-installation** and replaces most 24 V thermostats.

            1. Switch off the heating and cooling system at the breaker.
            2. Take a photo of the old thermostat's wiring, then label each wire with the stickers in the box.
            3. Mount the base, connect the wires to the matching terminals, and attach the display.
            4. Switch the breaker back on and follow the setup on screen; connect to your home Wi-Fi.
            5. Pair it with your account in the app under **My products**.

            If your system has no common wire (C wire), use the power adapter in the box. Line-voltage systems (baseboard
            heaters at 120 V or 240 V) are not supported. You can return the thermostat within **30 days**.
            """),
        new("kb-0033", KnowledgeCategory.Products, KnowledgeAudience.Public, "Thermostat Rewards: peak events and bill credits", """
            Thermostat Rewards lets us adjust your smart thermostat by a few degrees during **peak events**, the hottest or
            coldest afternoons of the year when the grid is under the most strain.

            - Events happen on at most 15 days a season and last up to four hours.
            - You are notified in the app the day before.
            - You can opt out of any event by changing the temperature yourself; you just do not earn that event's credit.
            - You earn a **bill credit for each event** you take part in, shown under Advanced energy products on your bill.

            The program runs for a 12-month season and renews automatically. You need a compatible smart thermostat paired with
            your account.
            """),
        new("kb-0034", KnowledgeCategory.Products, KnowledgeAudience.Public, "Rooftop solar lease: what is included", """
            With the Rooftop Solar Lease we install, own and maintain a 6 kW solar system on your roof for a fixed monthly
            payment over **20 years**.

            Included:

            - design, permits, installation and connection to the grid;
            - monitoring in the app, and repairs and inverter replacement for the whole lease;
            - a **production guarantee**: if the panels produce less than the guaranteed kWh in a year, we credit the difference.

            Energy the panels produce is used in your home first; what you do not use flows to the grid and is credited on your
            bill under net metering. If you sell your home, the lease can be transferred to the buyer (see *Moving with a solar
            lease or an EV charger*). Roof repairs under the panels are coordinated with us so the system can be removed and
            reinstalled safely.
            """),
        new("kb-0035", KnowledgeCategory.Products, KnowledgeAudience.Public, "Home battery: backup power during outages", """
            The Home Battery stores 13.5 kWh of energy from your solar panels or from the grid during off-peak hours.

            - **Backup**: when the grid goes down, the battery switches your essential circuits (refrigerator, lights, outlets,
              internet) over within a fraction of a second. A full battery runs a typical home's essentials for about a day.
            - **Savings**: it can discharge during peak hours to cut time-of-use costs.
            - **Settings**: choose in the app how much charge to keep in reserve for outages.

            Installation includes the permit and a transfer switch. The battery carries a 10-year warranty. During a long
            outage, reduce use of large appliances to stretch the stored energy; with solar panels it recharges during the day.
            """),
        new("kb-0036", KnowledgeCategory.Products, KnowledgeAudience.Public, "Home systems warranty: Essential and Complete plans, and filing a claim", """
            | | Essential | Complete |
            | --- | --- | --- |
            | heating, cooling, water heater | ✓ | ✓ |
            | electrical wiring and panel | | ✓ |
            | plumbing lines and drains | | ✓ |
            | major appliances | | ✓ |
            | service fee per visit | $75 | none |

            Both plans run for 12 months and renew yearly. Coverage starts 30 days after enrollment; conditions that existed
            before enrollment are not covered.

            **Filing a claim**: call the warranty line or use **My products → Request repair** in the app, any time of day.
            A licensed technician is booked within 48 hours, or within 24 hours for no heat in winter or no cooling in a heat
            advisory.
            """),
        new("kb-0037", KnowledgeCategory.Products, KnowledgeAudience.Public, "Cancelling an advanced energy product", """
            You can cancel a product enrollment in the app under **My products**, or by contacting us.

            - **Monthly plans** (Smart EV Charging Plan, warranty plans) stop at the end of the current billing period.
              Warranty plans cancelled within the first 30 days are refunded in full.
            - **Thermostat Rewards** can be cancelled at any time; credits already earned stay on your account.
            - **Products installed at your home** (EV charger, solar lease, home battery) follow the terms of your contract:
              a purchase cannot be cancelled once installed; a solar lease ends early only by buyout or transfer.
            - An enrollment still **pending installation** can be cancelled free of charge until the installer is booked.
            """),
        new("kb-0038", KnowledgeCategory.Products, KnowledgeAudience.AgentOnly, "Agent procedure: installation delays for advanced energy products", """
            Installations are done by partner installers. When a customer asks about a pending installation:

            1. Check the enrollment's status and the installer's last update in the enrollment record.
            2. If the site survey is more than **5 business days** overdue, escalate to the installer coordinator and tell
               the customer when they will be contacted.
            3. Permit delays are outside our control: give the town's typical turnaround and offer status updates by the
               customer's preferred channel.
            4. Open a **PRODUCT_SUPPORT** case linked to the enrollment and set it to waiting on the installer.

            A customer whose installation is delayed more than 60 days may cancel without charge even if the installer is booked.
            """),
        new("kb-0039", KnowledgeCategory.Products, KnowledgeAudience.AgentOnly, "Agent procedure: troubleshooting a smart thermostat that is offline", """
            1. Ask whether the display is on. If not, the thermostat has no power: check the breaker and the C wire or adapter.
            2. If the display is on but the app shows it offline, the Wi-Fi changed or is down: have the customer reconnect from
               **Settings → Network** on the thermostat.
            3. If it reconnects but drops again, move the router closer or add an extender; the thermostat needs a 2.4 GHz network.
            4. Thermostats offline during a peak event do not earn Thermostat Rewards credits; if the cause was our service
               outage, add the credit manually with reason **TR-OUTAGE**.

            Hardware faults within the 30-day window: arrange a return. After that, the manufacturer's warranty applies.
            """),
    ];
}
