// Request-level failures of the server's services, as values: a protocol code from
// core/protocol.h and a sentence. Only the HTTP edge turns them into statuses
// (server/http_errors.cpp); op rejections inside a push are results, never these.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/protocol.h"

namespace pathways::server {

struct ServiceError {
  protocol::ErrorCode code = protocol::ErrorCode::internal;
  std::string message;
  long long retry_after = 0;  // seconds, for `rate_limited` and `unavailable`
};

template <class T>
class ServiceResult {
 public:
  ServiceResult(T value) : data_(std::move(value)) {}
  ServiceResult(ServiceError error) : data_(std::move(error)) {}

  explicit operator bool() const { return data_.index() == 0; }
  T& value() { return std::get<0>(data_); }
  const T& value() const { return std::get<0>(data_); }
  T* operator->() { return &value(); }
  const ServiceError& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, ServiceError> data_;
};

}  // namespace pathways::server
