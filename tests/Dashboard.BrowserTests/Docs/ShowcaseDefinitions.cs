namespace Dashboard.BrowserTests.Docs;

/// <summary>
/// The definitions the documentation screenshots show, imported as one YAML document: a token-guarded webhook with a
/// schema, a sync quote, a warehouse call that cannot connect (its runs dead-letter), a cron schedule and a manual event.
/// </summary>
internal static class ShowcaseDefinitions
{
    /// <summary>Nothing listens on the discard port: the warehouse call fails with a retryable connection error.</summary>
    public const string UnreachableWarehouse = "http://127.0.0.1:9/shipments";

    public const string Yaml = $$$"""
        version: 1
        workflows:
          - name: order-received
            description: Log each new order and shape it for the ledger.
            steps:
              - name: log-order
                type: log
                settings: { message: "Order {{ event.data.orderId }} received" }
              - name: shape
                type: transform
                settings:
                  template: { orderId: "{{ event.data.orderId }}", total: "{{ event.data.total }}", currency: "{{ event.data.currency }}" }
          - name: notify-warehouse
            description: Tell the warehouse that an order ships.
            steps:
              - name: call-warehouse
                type: http
                settings:
                  method: POST
                  url: {{{UnreachableWarehouse}}}
                  body: { orderId: "{{ event.data.orderId }}" }
                  retry: { maxAttempts: 1 }
          - name: nightly-report
            description: Build the nightly report.
            steps:
              - name: log-start
                type: log
                settings: { message: Nightly report started }
          - name: quote
            description: Price an order and answer the sender.
            steps:
              - name: price
                type: transform
                settings:
                  template: { total: "{{ event.data.qty }}" }
              - name: answer
                type: respond
                settings:
                  status: 200
                  body: { orderId: "{{ event.data.orderId }}", total: "{{ steps.price.output.total }}" }
        events:
          - key: shop.order-created
            description: A new order from the web shop.
            source: http
            route: shop/orders
            type: com.example.shop.order.created
            auth: token
            workflows: [order-received]
            schema:
              type: object
              required: [orderId, total]
              properties:
                orderId: { type: string, minLength: 1 }
                total: { type: number, minimum: 0 }
                currency: { type: string, enum: [EUR, USD] }
          - key: shop.quote
            description: A sync event; the sender waits for the quote workflow's answer.
            source: http
            route: shop/quote
            mode: sync
            timeoutSeconds: 10
            auth: token
            workflows: [quote]
            schema:
              type: object
              required: [orderId, qty]
              properties:
                orderId: { type: string }
                qty: { type: integer, minimum: 1 }
            responseSchema:
              type: object
              required: [orderId, total]
              properties:
                total: { type: number }
          - key: warehouse.shipment
            description: An order leaves the warehouse.
            source: http
            route: warehouse/shipments
            auth: token
            workflows: [notify-warehouse]
          - key: reports.nightly
            description: Every night at 02:00 UTC.
            source: cron
            schedule: "0 2 * * *"
            timeZone: UTC
            workflows: [nightly-report]
          - key: ops.ping
            description: Anyone may fire this test event; no token is checked.
            source: manual
            auth: public
            workflows: [order-received]
        """;
}
