using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UCE.Customers.Data.Migrations
{
    /// <summary>
    /// An index of where the words of customers' names meet (PostgreSQL only), so that counting the customers of a name
    /// text with a space in it does not go through the trigram index. A word join is the seven characters around a space
    /// of the lower-cased text: three before it, the space, three after it (<c>Sofia Silva</c> has <c>fia sil</c>). A name
    /// that contains a text contains every word join of the text, so the index finds every customer whose name contains
    /// it, among a few others that the text itself is then checked against: 2,065 customers for <c>sofia silva</c> among
    /// a million, found in 0.2 ms, where the trigram index takes 8–17 ms to find the same 2,065 (the trigrams of the two
    /// words are each in tens of thousands of names). See docs/customers.md, "Customer search".
    /// </summary>
    [DbContext(typeof(CustomersDbContext))]
    [Migration("20261202060000_CustomerNameWordJoins")]
    public partial class CustomerNameWordJoins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsNpgsql())
            {
                return;
            }

            // Every seven characters of lower(text) whose middle one is a space, left to right. lower() is what ILIKE folds
            // both sides with, so the joins of a text and of a name that contains it are compared in the same letter case.
            migrationBuilder.Sql(
                """
                CREATE FUNCTION customer_word_joins(text) RETURNS text[]
                LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
                DECLARE
                  folded text := lower($1);
                  size int := char_length(folded);
                  i int := 4;
                  space int;
                  joins text[] := '{}';
                BEGIN
                  LOOP
                    EXIT WHEN i > size - 3;
                    space := strpos(substr(folded, i, size - i - 2), ' ');
                    EXIT WHEN space = 0;
                    i := i + space - 1;
                    joins := joins || substr(folded, i - 3, 7);
                    i := i + 1;
                  END LOOP;
                  RETURN joins;
                END
                $$;
                """);

            // True for every name that contains the text (and for some that do not): the name has every word join of the
            // text. A single SQL expression, so that PostgreSQL inlines it and serves it with the index below.
            migrationBuilder.Sql(
                """
                CREATE FUNCTION customer_name_may_contain(name text, search text) RETURNS boolean
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                  SELECT customer_word_joins(name) @> customer_word_joins(search)
                $$;
                """);

            // Without GIN's pending list, as the trigram indexes (CustomerSearchIndexes). Analysed at once: the planner
            // estimates a join's customers from the index expression's statistics.
            migrationBuilder.Sql(
                """CREATE INDEX "IX_customers_Name_word_joins" ON customers USING gin (customer_word_joins("Name")) WITH (fastupdate = off);""");
            migrationBuilder.Sql("ANALYZE customers;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsNpgsql())
            {
                return;
            }

            migrationBuilder.Sql("""DROP INDEX "IX_customers_Name_word_joins";""");
            migrationBuilder.Sql("DROP FUNCTION customer_name_may_contain(text, text);");
            migrationBuilder.Sql("DROP FUNCTION customer_word_joins(text);");
        }
    }
}
