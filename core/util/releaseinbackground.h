#pragma once

#include <QtConcurrent/QtConcurrentRun>

#include <tuple>
#include <utility>

namespace wb {

// Drops the given owners (shared pointers, containers) on a worker thread: freeing a large model, graph document or
// scene (hundreds of MB, tens of thousands of nodes) takes long enough to freeze the window when the last
// reference goes on the GUI thread. Whatever else still holds them keeps them alive; the worker drops only these.
template <typename... Owners> void releaseInBackground(Owners&&... owners)
{
    (void)QtConcurrent::run([held = std::make_tuple(std::forward<Owners>(owners)...)]() mutable {
        std::apply([](auto&... owner) { ((void)std::exchange(owner, {}), ...); }, held);
    });
}

} // namespace wb
