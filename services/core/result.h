// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "serviceerror.h"

#include <utility>

namespace Patchboard {

// A value or a ServiceError. Small on purpose: services return it (often inside a QFuture),
// views show error().text() and never see the storage or network error that caused it.
template<typename T>
class Result
{
public:
    Result() = default;
    Result(T value) : m_value(std::move(value)) { } // NOLINT: implicit by design
    Result(ServiceError error) : m_error(std::move(error)) { } // NOLINT

    bool ok() const { return !m_error.isError(); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return m_value; }
    T &value() & { return m_value; }
    T &&value() && { return std::move(m_value); }
    const ServiceError &error() const { return m_error; }

private:
    T m_value{};
    ServiceError m_error;
};

// For operations that only succeed or fail.
struct Done
{
};
using Status = Result<Done>;

} // namespace Patchboard
