// Shipped: never edit (PostgresMigrationTests pins its SHA-256); change the schema in a new migration.
let m0002DrawPickByKeyOnly = PostgresMigration(number: 2, name: "draw-pick-by-key-only", sql: #"""
-- liancha on PostgreSQL, migration 2, as SQLite's "v8-issue12-draw-pick-by-key-only": no query looks
-- a draw's picks up by USCC alone (each names the draw, the key's first column), so the index on
-- draw_pick (uscc) only slowed every draw.
DROP INDEX draw_pick_on_uscc;
"""#)
