//! The loop every JetStream consumer of carewire runs: pull in batches,
//! handle up to `max_in_flight` messages at once, stop taking new ones when
//! shutdown begins and finish those in flight (unfinished ones are not
//! acked, so JetStream redelivers them). While JetStream refuses writes
//! ([`super::writes`]) nothing is pulled: a message that cannot be stored
//! would only spend a delivery.

use std::future::Future;
use std::time::Duration;

use async_nats::jetstream::{Message, consumer::PullConsumer};
use futures::future::{BoxFuture, Shared};
use futures::{FutureExt, StreamExt};

/// Resolves when carewire is asked to stop; cloned into every loop.
pub type Shutdown = Shared<BoxFuture<'static, ()>>;

/// Wraps a shutdown future for sharing.
pub fn shutdown(signal: impl Future<Output = ()> + Send + 'static) -> Shutdown {
    signal.boxed().shared()
}

const RETRY_DELAY: Duration = Duration::from_secs(1);

/// Consumes until `shutdown` resolves; `what` names the consumer in logs.
pub async fn consume<F, Fut>(
    what: &'static str,
    consumer: &PullConsumer,
    batch: usize,
    max_in_flight: usize,
    shutdown: Shutdown,
    handle: F,
) where
    F: Fn(Message) -> Fut,
    Fut: Future<Output = ()>,
{
    let gate = super::writes::gate();
    loop {
        tokio::select! {
            () = gate.opened() => {}
            () = shutdown.clone() => return,
        }
        let messages = consumer
            .stream()
            .max_messages_per_batch(batch)
            .heartbeat(Duration::from_secs(5))
            .expires(Duration::from_secs(30))
            .messages()
            .await;
        let messages = match messages {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(consumer = what, error = %e, "cannot pull; retrying");
                tokio::select! {
                    () = tokio::time::sleep(RETRY_DELAY) => continue,
                    () = shutdown.clone() => return,
                }
            }
        };
        let stop = async {
            tokio::select! {
                () = shutdown.clone() => {}
                () = gate.closed() => {}
            }
        };
        messages
            .take_until(stop)
            .for_each_concurrent(max_in_flight, |next| {
                let handled = next.map(&handle);
                async move {
                    match handled {
                        Ok(done) => done.await,
                        Err(e) => tracing::warn!(consumer = what, error = %e, "pull stream error"),
                    }
                }
            })
            .await;
        if shutdown.clone().now_or_never().is_some() {
            return;
        }
    }
}
