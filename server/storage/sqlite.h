// A thin RAII layer over SQLite's C API: connections, prepared statements, transactions.
//
// SQLite failures throw sql::Error. They are not expected in normal operation (a busy
// database past its timeout, a full disk, a corrupt file), and every caller that can
// recover turns them into a value at its boundary: the sync service answers 503
// `unavailable`, start-up reports and exits. Nothing above storage/ sees an sql::Error.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace pathways::server::sql {

class Error : public std::runtime_error {
 public:
  Error(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }
  // SQLITE_BUSY or SQLITE_LOCKED: another connection held the database past the timeout.
  bool busy() const;

 private:
  int code_;
};

// One prepared statement. Bind parameters by 1-based index, step, read columns by 0-based
// index; reset() makes it ready for the next use with new bindings.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view text);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind_null(int index);

  // Advances; true while there is a row to read.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();

  std::string_view text(int column) const;
  std::int64_t integer(int column) const;
  bool is_null(int column) const;
  int columns() const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Connection {
 public:
  // Opens (creating if needed) with WAL, foreign keys off (the core guards references),
  // synchronous=NORMAL (durable across process crashes; see docs/server.md) and a busy
  // timeout, so short contention between the server's connections waits instead of failing.
  explicit Connection(const std::string& path, int busy_timeout_ms = 5000);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(std::string_view sql);
  // A statement prepared once per connection and reused. The lease resets it when it goes
  // out of scope, so no half-read statement keeps a read snapshot open.
  class Query;
  Query query(std::string_view sql);
  std::int64_t last_insert_rowid() const;
  int changes() const;
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

class Connection::Query {
 public:
  explicit Query(Statement& statement) : statement_(&statement) {}
  ~Query() { statement_->reset(); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Statement* operator->() const { return statement_; }
  Statement& operator*() const { return *statement_; }

 private:
  Statement* statement_;
};

// BEGIN IMMEDIATE … COMMIT; rolls back in the destructor unless committed. IMMEDIATE takes
// the write lock up front, so a transaction never fails half-way on a lock upgrade.
class Transaction {
 public:
  explicit Transaction(Connection& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& db_;
  bool done_ = false;
};

// A read-only snapshot (BEGIN … COMMIT): every query inside sees the same database version.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& db);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Connection& db_;
};

}  // namespace pathways::server::sql
