# 安邻 production image: one image, two roles (`web` and `worker`), against external PostgreSQL and Redis.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# tsx runs the TypeScript sources directly; sharp and argon2 ship prebuilt binaries, no install scripts needed.
RUN npm ci --omit=dev && npm cache clean --force
COPY tsconfig.json drizzle.config.ts ./
COPY src ./src
COPY views ./views
COPY public ./public
COPY drizzle ./drizzle
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["npx", "tsx", "src/main.ts", "--web"]
